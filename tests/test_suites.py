"""Suites and subjects: ``Family.subject`` is the one source of truth for both."""

from __future__ import annotations

import pytest

import textbook_gym
from textbook_gym.suites import SUBJECTS, SUITES, get_suite, subject_families


@pytest.mark.parametrize("name", textbook_gym.list_families())
def test_every_builtin_family_names_a_known_subject(name):
    subject = textbook_gym.get_family(name).subject
    assert subject in SUBJECTS, f"{name}.subject = {subject!r} is not one of {SUBJECTS}"


def test_subject_suites_partition_the_builtin_families():
    members = [e.env_id for subject in SUBJECTS for e in get_suite(subject).entries()]
    assert sorted(members) == sorted(e.env_id for e in get_suite("all").entries())
    assert all(subject_families(subject) for subject in SUBJECTS), "a subject without families is a dead suite"


def test_a_registered_family_joins_its_subject_suite():
    from textbook_gym.registry import _FAMILIES  # the test removes what it adds

    class Extra(type(textbook_gym.get_family("Arithmetic"))):
        name = "SuitesTestExtra"
        subject = "calculus"

    _FAMILIES["SuitesTestExtra"] = Extra()
    try:
        assert "textbook/SuitesTestExtra-v" in " ".join(e.env_id for e in get_suite("calculus").entries())
        assert "SuitesTestExtra" not in " ".join(e.env_id for e in get_suite("algebra").entries())
    finally:
        del _FAMILIES["SuitesTestExtra"]


def test_core_suite_members_are_registered():
    assert len(SUITES["core"].entries()) == len(SUITES["core"].families) == 10

"""Models, rollout backends, learners and the textbook pipeline."""

"""Learners: pretraining, supervised fine-tuning, GRPO and PPO."""

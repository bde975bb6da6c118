"""Reminders: the policy that decides what is due, and the sweep that claims and sends it."""

"""Moderation: the rules that hold or reject comments, the desk, and its writes."""

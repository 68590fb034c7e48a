"""The comment's one lifecycle: its transitions, and the one event each sends on commit."""

"""The discussion: reading a thread, posting, replying, voting, following, reporting."""

"""The discussion on other sites: the embeddable thread and the comment-count badges."""

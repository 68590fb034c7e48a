"""Bring another system's comments (Disqus, WordPress, this software's export) and export ours.

readers (disqus, wordpress, invitation) -> records -> matching (threads) -> writer (batches
through forum.comments.archives.comments_import) -> report; export writes JSON lines.
"""

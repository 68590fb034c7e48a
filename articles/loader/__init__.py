"""Loading the published content from Markdown files: reading and checking, then writing."""

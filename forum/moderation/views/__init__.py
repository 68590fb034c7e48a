"""The moderation desk's views, one module per subject."""

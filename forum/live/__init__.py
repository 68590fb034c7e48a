"""Live updates: events written with each visible change, sent to open pages over SSE."""

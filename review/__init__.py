"""The manager's review web app (`grantradar serve`): inbox of matches, members, sources, exports, email links."""

from review.app import create_app

__all__ = ["create_app"]

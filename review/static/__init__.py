"""Static files of the review app (a package only so that they install with it)."""

"""`python -m grantradar` runs the console script (used where the script is not on PATH)."""

from grantradar.cli import main

main()

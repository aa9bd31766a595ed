"""`python -m contour` runs the CLI."""

from contour.cli import main

main()

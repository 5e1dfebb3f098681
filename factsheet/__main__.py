"""`python -m factsheet ...`: the same command line as the `factsheet` script."""

from factsheet.cli import main

if __name__ == "__main__":
    main(prog_name="factsheet")

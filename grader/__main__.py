"""`python -m grader` behaves exactly like the `prep` command."""

from grader.cli import main

if __name__ == "__main__":
    main()

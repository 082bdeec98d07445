"""``python -m eventwire``: the same command as the ``eventwire`` script."""

from .cli import main

if __name__ == "__main__":
    main()

"""`python -m bot.rasa_runtime` = `rasa` with the project's adjustments (see the package)."""

from bot.rasa_runtime import install_adjustments

if __name__ == "__main__":
    install_adjustments()
    from rasa.__main__ import main

    main()

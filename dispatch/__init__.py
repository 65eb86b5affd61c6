"""The dispatch service: webhook intake, daily planning, pages for dispatcher and crews."""

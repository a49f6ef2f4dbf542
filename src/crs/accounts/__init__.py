"""crs.accounts: the people who use crs, their ranks and roles, and who may authorise what."""

"""Journeys through a case: guided assessment, authorisation, agreement, actions,
contacts, review. Each view parses input, calls crs.cases.services, renders."""

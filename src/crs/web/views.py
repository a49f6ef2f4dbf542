"""The site's views live in crs.web.pages (around a case) and crs.web.journeys (through one)."""

"""The site's pages around the journeys: sign-in, home and work lists, case list
and search, the case page and its history."""

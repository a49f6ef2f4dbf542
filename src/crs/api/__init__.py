"""The JSON API, /api/v1 (django-ninja): the same services as the web pages."""

"""crs.web: the case pages (`pages`: around a case, the work lists, search) and the journeys
(`journeys`: through one: assess, authorise, agree, review), with their documents (form
1912, statements). Built on the UI kit (crs.ui) and the case services (crs.cases); served by
the site (crs.site).
"""

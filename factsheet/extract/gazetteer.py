"""Places of more than one word that a reader knows without the article saying so.

Two capitalised words look like a person's name ("Ana Ruiz"), and a place
written so ("Costa Rica said ...", "New Zealand will ...") would become the
"he" of the next sentence. cast.places finds the ones an article writes as an
adjective too ("North Korea" beside "North Korean"); these are the countries,
territories and large cities of more than one word, whether or not it does.
"""

from __future__ import annotations

COUNTRIES = frozenset({
    "Antigua and Barbuda", "Bosnia and Herzegovina", "Burkina Faso", "Cape Verde", "Central African Republic",
    "Costa Rica", "Czech Republic", "Dominican Republic", "East Timor", "El Salvador", "Equatorial Guinea",
    "Hong Kong", "Ivory Coast", "Marshall Islands", "New Caledonia", "New Zealand", "North Korea",
    "North Macedonia", "Papua New Guinea", "Puerto Rico", "Saint Lucia", "San Marino", "Saudi Arabia",
    "Sierra Leone", "Solomon Islands", "South Africa", "South Korea", "South Sudan", "Sri Lanka",
    "Timor-Leste", "Trinidad and Tobago", "United Arab Emirates", "United Kingdom", "United States",
    "Vatican City", "Western Sahara", "Faroe Islands", "Cayman Islands", "British Virgin Islands",
    "Cook Islands", "Falkland Islands", "French Guiana", "French Polynesia", "Great Britain",
    "Northern Ireland", "Gaza Strip", "West Bank", "Sao Tome and Principe", "Saint Kitts and Nevis",
})

CITIES = frozenset({
    "New York", "Los Angeles", "San Francisco", "San Diego", "San Jose", "San Antonio", "Las Vegas",
    "New Orleans", "Salt Lake City", "Kansas City", "Oklahoma City", "St. Louis", "St Louis", "Fort Worth",
    "El Paso", "Santa Barbara", "Santa Monica", "Palo Alto", "Mexico City", "Buenos Aires", "Rio de Janeiro",
    "Sao Paulo", "São Paulo", "Santo Domingo", "San Juan", "Panama City", "Guatemala City", "San Salvador",
    "New Delhi", "Kuala Lumpur", "Tel Aviv", "Abu Dhabi", "Ho Chi Minh City", "Phnom Penh",
    "Cape Town", "Addis Ababa", "Dar es Salaam", "St Petersburg", "St. Petersburg", "Rio Grande",
    "Quebec City", "Kuwait City", "Port Moresby", "Port Louis",
    "Washington DC", "Washington D.C.", "Baton Rouge", "Des Moines", "Santa Fe", "Little Rock",
    "Colorado Springs", "Virginia Beach", "Long Beach", "Miami Beach", "Palm Beach", "Fort Lauderdale",
    "Gold Coast", "Monte Carlo", "Nizhny Novgorod", "Frankfurt am Main", "Den Haag", "The Hague",
})

PLACES = COUNTRIES | CITIES

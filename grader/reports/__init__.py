"""Reports a trainer opens in a browser: a class's grades and a team's quiz session, as self-contained HTML."""

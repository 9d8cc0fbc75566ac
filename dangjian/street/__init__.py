"""The street's view: its own records in street/ (regional party building, the certification
programme's evaluations), the standardisation assessment of every organisation, the street's
roll-up against the yearly targets, and the same figures from earlier git revisions.

load.py reads street/; periods.py decides which periods of the street's cadences are judged;
criteria.py is the score card's table; card.py, standing.py and rollup.py compute; history.py
goes back in git; text.py and report.py present.
"""

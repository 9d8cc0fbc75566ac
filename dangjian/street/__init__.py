"""The street's view: its own records in street/ (regional party building, the certification
programme's evaluations), the standardisation assessment of every organisation, the street's
roll-up against the yearly targets, and the same figures from earlier git revisions.

load.py reads street/ and periods.py decides which of its periods are judged (for the rules in
dangjian/rules/regional.py and certification.py). criteria.py is the score card's table; card.py
runs the rules for a year and judges each criterion (computed.py: the two judged from records);
standing.py adds certification, 最强党支部 eligibility, 软弱涣散 screening and entitlements;
rollup.py and regional.py make the street's figures; context.py turns it all into plain data
for text.py (terminal), report.py (Markdown and Word) and dangjian/site; history.py goes back in git.
"""

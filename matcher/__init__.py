"""The matcher: bilingual (Czech/English) scoring of calls against the cluster's pillars and members.

text.py (normalisation) -> documents.py (analysed docs, concept phrase index) -> model.py (TF-IDF words + char
n-grams) -> scoring.py (Matcher: pillar and member scores) with eligibility.py, explain.py, feedback.py,
consortium.py; service.py runs it over the store (`run_match`), cli_io.py serves `grantradar score`.
"""

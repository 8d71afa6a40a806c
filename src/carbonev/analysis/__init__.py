"""Beyond one number: sweeps, Monte Carlo, sensitivity, break-even (issue 5).

All of it runs on background intensities solved by Brightway once (or once per
Monte Carlo draw) and foregrounds built in pure Python, so each variant costs a
sparse product rather than a fresh LCA.
"""

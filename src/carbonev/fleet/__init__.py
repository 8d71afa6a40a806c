"""Fleet and regional accounting: registrations -> stock -> activity -> emissions -> savings.

Per-vehicle numbers come from the engine through one adapter (:mod:`carbonev.fleet.factors`);
the stock, activity and emission arithmetic is vectorised over the registration table.
See docs/fleet.md.
"""

"""Analysis: RFM, statuses, distribution, cohorts, pivot, reps, indicators, today's figures."""

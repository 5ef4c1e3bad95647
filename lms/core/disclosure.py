"""The smallest group whose answers or figures the platform shows anyone.

One number for every place that shows what a group did or thought: the public figures on
``/resultat/`` (lms/reports) and how colleagues answered a poll in a lesson (lms/polls). Below it,
a figure could point at a person.
"""

MIN_GROUP = 5

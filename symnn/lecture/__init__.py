"""The lecture document: sections gathered from a package of topic modules, written and compiled."""

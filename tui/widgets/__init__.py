"""The widgets of the browsing screen: org tree, figures table, audit trail, time-travel banner."""

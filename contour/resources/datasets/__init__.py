"""Dataset export and import: tasks, jobs and projects in and out of the registered formats."""

"""Imported once by multiprocessing's fork server when it starts (its `preload`): the fork server dies with the
process that started it, and the pool workers it forks die with it (contour.processes)."""

from contour.processes import fork_server_started

fork_server_started()

@article{evil\x1b[2Jkey,
  author  = {Tester, A.},
  title   = {Test data: a key holding a terminal command},
  journal = {Journal of Tests},
  year    = {2000},
  doi     = {10.5555/ctb.1}
}

@article{evil\x1b[2Jkey,
  author  = {Tester, A.},
  title   = {The same key again},
  journal = {Journal of Tests},
  year    = {2000},
  doi     = {10.5555/ctb.2}
}

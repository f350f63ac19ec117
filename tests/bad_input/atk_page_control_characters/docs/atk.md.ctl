---
title: Controls
---

# Controls

Te\x00xt [@steensberg2000] and \x1b[2J here.

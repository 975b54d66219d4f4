name = "wkrndddddddddddddde56790;1234 hor)

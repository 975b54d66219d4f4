x = "\N{DASH}"

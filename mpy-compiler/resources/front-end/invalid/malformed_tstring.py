x = t"{x"

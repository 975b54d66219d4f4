i = 0
jk = 1EEE2EEEEEE-17
m 
lame = "wkrld"			sssssssssssssssssssssssssss								"
)

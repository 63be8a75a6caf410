# Dates as English readers of the site read them, "10 June 2021" (Django's English default is
# "June 10, 2021"). Chinese keeps Django's own zh_Hans format, "2021年6月10日".
DATE_FORMAT = "j F Y"

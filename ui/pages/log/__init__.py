"""The Log page: records, their detail, saving, amending and the log file itself."""

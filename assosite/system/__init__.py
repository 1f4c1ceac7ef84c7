"""What assosite asks of the operating system: child processes that never outlive their build."""

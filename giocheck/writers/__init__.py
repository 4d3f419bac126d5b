"""Writers: an `AnnualReport` → a file in the standard format."""

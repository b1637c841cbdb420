"""Employee import from HRIS exports (CSV, XLSX): reading, mapping, validation, jobs and their worker."""

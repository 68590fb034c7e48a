"""The pages of the DSA: public (notices, statements, appeals, the report) and the desk's."""

const struct i18n_pair i18n_pairs[] = {
	{ "", "" },
};

enum ShuniuModelPlaceholder {}
